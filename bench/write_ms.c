// SPDX-License-Identifier: GPL-2.0
/*
 * Time one write to a sysfs/procfs file.
 *
 *   write_ms PATH VALUE
 *
 * Prints the time the write() took in milliseconds; exits 1 if it failed.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec a, b;
	size_t len;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: %s PATH VALUE\n", argv[0]);
		return 2;
	}
	fd = open(argv[1], O_WRONLY);
	if (fd < 0) {
		perror(argv[1]);
		return 1;
	}
	len = strlen(argv[2]);
	clock_gettime(CLOCK_MONOTONIC, &a);
	if (write(fd, argv[2], len) != (ssize_t)len) {
		perror(argv[1]);
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	close(fd);
	printf("%.2f\n", (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6);
	return 0;
}
