#ifndef NANOCITY_CPNG_SHIM_H
#define NANOCITY_CPNG_SHIM_H
// Only libpng's simplified API is used (png_image_*): it reports errors through
// image.message and a zero return, so no setjmp is needed from Swift.
#include <png.h>
#endif
