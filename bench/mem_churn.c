// SPDX-License-Identifier: GPL-2.0
/*
 * Keep a CPU busy allocating and freeing memory, as applications do on a
 * loaded machine: its per-cpu page lists and LRU caches are never empty, so
 * every drain_all_pages() and lru_add_drain_all() has to wait for that CPU.
 *
 *   mem_churn MIB SECONDS
 *
 * Maps MIB MiB of anonymous memory, touches every page, unmaps it, and does
 * it again, until SECONDS have passed (0: until killed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t len, i, page = sysconf(_SC_PAGESIZE);
	long seconds;
	time_t end;

	if (argc != 3) {
		fprintf(stderr, "usage: %s MIB SECONDS\n", argv[0]);
		return 2;
	}
	len = (size_t)atol(argv[1]) << 20;
	seconds = atol(argv[2]);
	end = time(NULL) + seconds;
	if (!len)
		return 2;
	while (!seconds || time(NULL) < end) {
		char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
		for (i = 0; i < len; i += page)
			p[i] = (char)i;
		munmap(p, len);
	}
	return 0;
}
