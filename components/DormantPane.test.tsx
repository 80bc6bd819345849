import { expect, it } from 'vitest';
import { renderDashboard } from '../test/helpers/render-dashboard.js';

it('lists dormant packages and install candidates with their last use', async () => {
  const h = await renderDashboard();
  await h.press('4');
  const frame = h.frame();
  expect(frame).toMatch(/dormant +gimp +gimp gimp-console +never/);
  expect(frame).toMatch(/dormant +libreoffice +soffice lowriter +2026-06-02/);
  expect(frame).toMatch(/install\? +hyperfine +7 ephemeral uses +2026-11-20/);
  h.unmount();
});
