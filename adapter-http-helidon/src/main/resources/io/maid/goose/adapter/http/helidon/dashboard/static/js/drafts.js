// A config handed from one screen to the new-run form (e.g. "Run again" on a run's page), in memory only.
let pending = null;

export function hand(config) {
  pending = config;
}

export function take() {
  const c = pending;
  pending = null;
  return c;
}
