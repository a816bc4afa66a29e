// SPDX-License-Identifier: GPL-2.0
/*
 * Time growing and shrinking a HugeTLB pool through sysfs.
 *
 *   pool_resize SIZE_KB PAGES ROUNDS PREFIX
 *
 * Grows the pool of SIZE_KB pages from its current size by PAGES and shrinks
 * it back, ROUNDS times, and prints the median times in milliseconds as
 * "PREFIX.grow_ms: N" and "PREFIX.shrink_ms: N".  Exits 1 if the pool does
 * not reach the wanted size.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>

static char path[256];

static long get_pool(void)
{
	char buf[64];
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	return atol(buf);
}

static double set_pool(long pages)
{
	struct timespec a, b;
	char buf[64];
	int fd, len;

	len = snprintf(buf, sizeof(buf), "%ld\n", pages);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &a);
	if (write(fd, buf, len) != len) {
		close(fd);
		return -1;
	}
	close(fd);
	clock_gettime(CLOCK_MONOTONIC, &b);
	return (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void drop_caches(void)
{
	int fd = open("/proc/sys/vm/drop_caches", O_WRONLY);

	sync();
	if (fd >= 0) {
		if (write(fd, "3\n", 2) != 2)
			perror("drop_caches");
		close(fd);
	}
}

int main(int argc, char **argv)
{
	long size_kb, pages, start;
	int rounds, i;
	double *grow, *shrink;

	if (argc != 5) {
		fprintf(stderr, "usage: %s SIZE_KB PAGES ROUNDS PREFIX\n", argv[0]);
		return 2;
	}
	size_kb = atol(argv[1]);
	pages = atol(argv[2]);
	rounds = atoi(argv[3]);
	if (size_kb <= 0 || pages <= 0 || rounds <= 0)
		return 2;
	snprintf(path, sizeof(path),
		 "/sys/kernel/mm/hugepages/hugepages-%ldkB/nr_hugepages", size_kb);
	start = get_pool();
	if (start < 0) {
		perror(path);
		return 1;
	}
	grow = calloc(rounds, sizeof(*grow));
	shrink = calloc(rounds, sizeof(*shrink));
	if (!grow || !shrink)
		return 1;
	for (i = 0; i < rounds; i++) {
		drop_caches();
		grow[i] = set_pool(start + pages);
		if (grow[i] < 0 || get_pool() != start + pages) {
			fprintf(stderr, "pool reached %ld of %ld pages\n",
				get_pool(), start + pages);
			set_pool(start);
			return 1;
		}
		shrink[i] = set_pool(start);
		if (shrink[i] < 0 || get_pool() != start) {
			fprintf(stderr, "pool shrank to %ld, not %ld\n", get_pool(), start);
			return 1;
		}
	}
	qsort(grow, rounds, sizeof(*grow), cmp);
	qsort(shrink, rounds, sizeof(*shrink), cmp);
	printf("%s.grow_ms: %.2f\n", argv[4], grow[rounds / 2]);
	printf("%s.shrink_ms: %.2f\n", argv[4], shrink[rounds / 2]);
	return 0;
}
