#ifndef NANOCITY_CPREFETCH_H
#define NANOCITY_CPREFETCH_H

/// Asks the CPU to start loading the cache line at `p` (no effect on any value; a hint that may
/// be ignored). Swift has no prefetch of its own: the agent loop uses this to overlap the
/// memory misses of the agents about to act with the work of the one acting.
static inline void nc_prefetch(const void *p) { __builtin_prefetch(p, 1, 3); }

#endif
