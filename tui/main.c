/* main.c - entry point: command line, then the TUI. */
#include "config.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--version") == 0) {
			printf("jiuzhu %s\n", JZ_VERSION);
			return 0;
		}
	}
	printf("jiuzhu %s\n", JZ_VERSION);
	return 0;
}
