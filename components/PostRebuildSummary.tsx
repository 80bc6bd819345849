// `clearance review --post-rebuild`: what changed in the package set since the previous run,
// whether the CLAUDE.md tools block is stale, and rules naming programs no longer installed.
import { Box, Text } from 'ink';
import type { PostRebuildReport } from './backend.js';
import { fit } from './format.js';
import { useDashboard } from './store.js';
import { useTheme } from './theme.js';

/** Plain lines of the summary (also printed without a TTY). */
export function postRebuildLines(report: PostRebuildReport): string[] {
  const lines: string[] = [];
  const p = report.packages;
  if (!p) lines.push('packages: first snapshot recorded — changes show from the next rebuild on');
  else {
    lines.push(
      `packages: +${p.added.length} added  -${p.removed.length} removed  ~${p.updated.length} updated`,
    );
    for (const name of p.added.slice(0, 6)) lines.push(`  + ${name}`);
    for (const name of p.removed.slice(0, 6)) lines.push(`  - ${name}`);
    for (const u of p.updated.slice(0, 6)) lines.push(`  ~ ${u.name} ${u.from} → ${u.to}`);
  }
  lines.push(
    report.docsStale === null
      ? 'docs: no CLAUDE.md tools block found'
      : report.docsStale
        ? 'docs: ✗ CLAUDE.md tools block is stale — run clearance docs --write'
        : 'docs: ✓ CLAUDE.md tools block is current',
  );
  if (report.orphanRules.length === 0) lines.push('rules: ✓ every rule names an installed program');
  else {
    lines.push(`rules: ✗ ${report.orphanRules.length} name programs no longer installed`);
    for (const rule of report.orphanRules.slice(0, 6)) lines.push(`  ${rule}`);
  }
  return lines;
}

/** True when the report holds nothing the user needs to see. */
export function nothingNew(report: PostRebuildReport): boolean {
  const p = report.packages;
  return (
    (p === null || p.added.length + p.removed.length + p.updated.length === 0) &&
    report.docsStale !== true &&
    report.orphanRules.length === 0
  );
}

/** The summary overlay shown first in post-rebuild mode; Enter continues to the proposals. */
export function PostRebuildSummary({ width, height }: { width: number; height: number }): React.ReactNode {
  const theme = useTheme();
  const report = useDashboard((s) => s.postRebuild);
  if (!report) return <Text dimColor>comparing the package set…</Text>;
  return (
    <Box flexDirection="column">
      <Text bold>Since your last rebuild</Text>
      {postRebuildLines(report)
        .slice(0, height - 2)
        .map((line, i) => (
          <Text
            key={i}
            color={
              line.startsWith('  +')
                ? theme.status.ok
                : line.startsWith('  -') || line.includes('✗')
                  ? theme.status.error
                  : undefined
            }
          >
            {fit(line, width)}
          </Text>
        ))}
      <Text dimColor>Enter continues to the proposals</Text>
    </Box>
  );
}
