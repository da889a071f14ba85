/* Not built by default: the CTest embedded.m4f.heap_link_refused builds it and expects the
 * link to fail with "undefined reference to `_sbrk'", which shows that the image link of the
 * examples refuses any heap use (no system-call library is linked). */
#include <stdlib.h>

int main(void) {
    void* volatile p = malloc(16);
    return p != 0;
}
