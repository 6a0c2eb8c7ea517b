// How long ago something happened, as people say it: "40 s", "12 min", "3 h", "2 days".

/** ms in words, rounded down to the largest unit that fits. */
export function ago(ms) {
  const seconds = Math.floor(Math.max(0, ms) / 1000);
  if (seconds < 60) return seconds + ' s';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return minutes + ' min';
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return hours + ' h';
  return Math.floor(hours / 24) + ' days';
}
