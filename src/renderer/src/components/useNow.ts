/** The current time, refreshed on an interval so relative times ("3 minutes ago") stay true. */
import { useEffect, useState } from 'react';

/** Milliseconds since the epoch, updated every `intervalMs`. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
