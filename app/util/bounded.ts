/** Keep `value` under `key`; when the map holds more than `max` entries, forget the oldest first (insertion order). */
export function rememberBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value as K);
}
