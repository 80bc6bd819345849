import { expect, it } from 'vitest';
import { renderDashboard } from '../test/helpers/render-dashboard.js';

it.each([
  [[], 'enter evidence  a approve'],
  [['3'], 's sort'],
  [['?'], 'esc close'],
  [['a', 'A'], 'enter write  esc cancel'],
])('after %j the bottom line offers %s', async (keys, hint) => {
  const h = await renderDashboard();
  await h.press(...keys);
  expect(h.frame().split('\n').at(-1)).toContain(hint);
  h.unmount();
});
