// Pane 4: installed packages nobody used in the window, and programs run ephemerally often
// enough to be worth installing — each with its last use.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { day, fit, fitRule, windowStart, wrap } from './format.js';
import type { UsageReport } from '../src/core/types.js';
import { useDashboard, useDashboardStore, type DormantRow } from './store.js';
import { useTheme } from './theme.js';

const Row = memo(function Row({
  row,
  selected,
  width,
}: {
  row: DormantRow;
  selected: boolean;
  width: number;
}) {
  const theme = useTheme();
  const label = row.section === 'dormant' ? 'dormant  ' : 'install? ';
  return (
    <Text inverse={selected} wrap="truncate">
      {selected ? '› ' : '  '}
      <Text color={row.section === 'dormant' ? theme.status.warn : theme.status.info}>{label}</Text>
      {fitRule(row.name, 22)}
      {fit(row.detail, Math.max(8, width - 2 - 9 - 22 - 12))}
      {fit(day(row.lastUsed), 12)}
    </Text>
  );
});

/** Plain lines of one row's detail: what the row means and what the user can do about it. */
export function dormantDetailLines(row: DormantRow, report: UsageReport | null): string[] {
  const days = report?.window.days ?? 90;
  if (row.section === 'dormant') {
    const pkg = report?.dormant.find((d) => d.package === row.name);
    return [
      `dormant  ${row.name}${pkg && pkg.attr !== row.name ? `  (attribute ${pkg.attr})` : ''}`,
      `binaries: ${(pkg?.bins ?? row.detail.split(' ')).join(' ')}`,
      `last used: ${row.lastUsed ? day(row.lastUsed) : 'never'} — neither you nor Claude ran it in the last ${days} days`,
      '',
      `if you no longer need it: remove ${row.name} from your package list (environment.systemPackages, home.packages or the flake that installs it) and rebuild; clearance changes no Nix file itself.`,
    ];
  }
  const uses = report?.installCandidates.find((c) => c.package === row.name)?.uses;
  return [
    `install?  ${row.name}`,
    `run ephemerally ${uses ?? '?'} time${uses === 1 ? '' : 's'} (nix run / nix shell / comma), last ${day(row.lastUsed)}`,
    '',
    `to have it at hand: add ${row.name} to your package list and rebuild; clearance changes no Nix file itself.`,
  ];
}

/** Pane 4 body. */
export function DormantPane({ width, height }: { width: number; height: number }): React.ReactNode {
  const store = useDashboardStore();
  const rows = useDashboard((s) => store.selectors.dormantRows(s));
  const cursor = useDashboard((s) => s.cursor.dormant);
  const report = useDashboard((s) => s.usage);
  const detail = useDashboard((s) => s.dormantDetail);
  if (detail) {
    const row = rows.find((r) => `${r.section}:${r.name}` === detail);
    if (!row) return <Text dimColor>this package is gone from the list — Esc goes back</Text>;
    return (
      <Box flexDirection="column">
        {dormantDetailLines(row, report)
          .flatMap((line) => wrap(line, width, 0))
          .slice(0, height)
          .map((line, i) => (
            <Text key={i} bold={i === 0} wrap="truncate">
              {fit(line, width)}
            </Text>
          ))}
      </Box>
    );
  }
  const listRows = Math.max(1, height - 1);
  const start = windowStart(cursor, listRows, rows.length);
  const dormant = report?.dormant.length ?? 0;
  const candidates = report?.installCandidates.length ?? 0;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        {'  '}
        {fit('status', 9)}
        {fit('package', 22)}
        {fit('binaries / uses', Math.max(8, width - 2 - 9 - 22 - 12))}
        {fit('last used', 12)}
      </Text>
      {rows.length === 0 ? (
        <Text dimColor>
          {report ? `${dormant} dormant, ${candidates} install candidates` : 'no usage data yet'}
        </Text>
      ) : null}
      {rows.slice(start, start + listRows).map((row, i) => (
        <Row key={`${row.section}:${row.name}`} row={row} selected={start + i === cursor} width={width} />
      ))}
    </Box>
  );
}
