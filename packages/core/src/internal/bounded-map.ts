/**
 * Sets `key` as the newest entry of `map` (a Map iterates in insertion order) and drops the oldest
 * entries beyond `max`: a least-recently-used bound, shared by the proxy's memory store and its
 * remembered failures.
 */
export function setNewest<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= max) break;
    map.delete(oldest);
  }
}
