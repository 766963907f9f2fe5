/**
 * mulberry32: a 32-bit seeded generator (Tommy Ettinger's), small and fast, with the same sequence on every
 * machine and engine since it only uses 32-bit integer operations. Good enough for resampling; not for secrets.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
