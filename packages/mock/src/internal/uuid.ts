/** 32-bit FNV-1a hash of `text`. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * A v4-shaped UUID derived from `seed`: the same seed gives the same id on every
 * run, so tests and screenshots that add a scenario twice stay reproducible.
 * Not random and not secret: these ids only name mock sessions.
 */
export function derivedUuid(seed: string): string {
  const bytes = new Uint8Array(16);
  for (let word = 0; word < 4; word++) {
    const hash = fnv1a(`${word}:${seed}`);
    for (let i = 0; i < 4; i++) bytes[word * 4 + i] = (hash >>> (24 - 8 * i)) & 0xff;
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
