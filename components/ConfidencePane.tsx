// Pane 2: confidence and approvals/denials over time per proposal. Bars and sparklines use
// different glyphs for approvals (█) and denials (▒), so the chart reads without colour. Every
// time axis counts calendar days, so quiet days show as gaps.
import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import type { Suggestion } from '../src/core/types.js';
import { bar, calendarDays, dayChart, fit, fitRight, fitRule, sparkline, windowStart } from './format.js';
import { percent } from './plain.js';
import { useDashboard, useDashboardStore } from './store.js';
import { useTheme } from './theme.js';

/** Rows the detail chart takes under the list. */
export const CHART_ROWS = 9;

const SPARK_DAYS = 14;
const kindSymbol = { allow: '+', deny: '!', ask: '?', remove: '-', replace: '~' } as const;

/** Deny and ask proposals are learned from denials: their chart row is the denials. */
function countsDenials(s: Suggestion): boolean {
  return s.kind === 'deny' || s.kind === 'ask';
}

/** The last SPARK_DAYS calendar days up to `end`, as a sparkline; blank when there is no history. */
function daySpark(s: Suggestion, end: string | null): string {
  if (s.history.length === 0 || !end) return '';
  const days = calendarDays(s.history, end > s.history.at(-1)!.day ? end : undefined).slice(-SPARK_DAYS);
  return sparkline(days.map((d) => (countsDenials(s) ? d.denials : d.approvals)));
}

function ruleWidthFor(width: number): number {
  return Math.max(10, width - 2 - 2 - 5 - 11 - 16 - 10);
}

const ConfidenceRow = memo(function ConfidenceRow({
  suggestion,
  selected,
  width,
  end,
}: {
  suggestion: Suggestion;
  selected: boolean;
  width: number;
  end: string | null;
}) {
  const s = suggestion;
  const spark = daySpark(s, end);
  return (
    <Text inverse={selected} wrap="truncate">
      {selected ? '› ' : '  '}
      {kindSymbol[s.kind]} {fitRule(s.rule, ruleWidthFor(width))}
      {fitRight(percent(s.confidence), 5)} {bar(s.confidence, 10)}
      {/* padded by hand: fit() turns an all-blank cell into one space, which shifted rows without history */}
      {` ${spark}`.padEnd(16, ' ')}
      {fitRight(`+${s.evidence.approvals}`, 5)}
      {fitRight(`-${s.evidence.denials}`, 5)}
    </Text>
  );
});

/** Pane 2 body: per-proposal confidence list plus the selected proposal's day chart. */
export function ConfidencePane({ width, height }: { width: number; height: number }): React.ReactNode {
  const store = useDashboardStore();
  const theme = useTheme();
  const rows = useDashboard((s) => store.selectors.suggestionRows(s, 'confidence'));
  const all = useDashboard((s) => s.suggestions);
  const cursor = useDashboard((s) => s.cursor.confidence);
  // One calendar for every sparkline, ending at the newest day of any proposal, so rows compare.
  const end = useMemo(
    () =>
      all.reduce<string | null>(
        (d, s) => ((s.history.at(-1)?.day ?? '') > (d ?? '') ? s.history.at(-1)!.day : d),
        null,
      ),
    [all],
  );
  const showChart = height >= CHART_ROWS + 4;
  const listRows = Math.max(1, height - 1 - (showChart ? CHART_ROWS : 0));
  const start = windowStart(cursor, listRows, rows.length);
  const visible = rows.slice(start, start + listRows);
  const selected = rows[cursor];
  const ci = selected?.confidenceInputs;
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        {'    '}
        {fit('rule', ruleWidthFor(width))}
        {fitRight('conf', 5)} {fit('0 ····· 1', 10)}
        {fit(` last ${SPARK_DAYS} days`, 16)}
        {fitRight('appr', 5)}
        {fitRight('deny', 5)}
      </Text>
      {visible.length === 0 ? <Text dimColor>no proposals</Text> : null}
      {visible.map((s, i) => (
        <ConfidenceRow key={s.id} suggestion={s} selected={start + i === cursor} width={width} end={end} />
      ))}
      {showChart && selected ? (
        <Box flexDirection="column" marginTop={Math.max(0, listRows - visible.length)}>
          <Text wrap="truncate">
            <Text bold>per day: </Text>
            {fitRule(selected.rule, Math.max(10, width - 50))}
            <Text color={theme.chart.approvals}> █ approvals</Text>
            <Text color={theme.chart.denials}> ▒ denials</Text>
            <Text> (count ↕, date →)</Text>
          </Text>
          {selected.history.length === 0 ? (
            <Text dimColor>{fit('no per-day history: this proposal cleans up an existing rule', width)}</Text>
          ) : (
            dayChart(selected.history, width, 3, 2).map((line, i) => (
              <Text
                key={i}
                color={i < 3 ? theme.chart.approvals : i > 3 && i < 6 ? theme.chart.denials : undefined}
              >
                {fit(line, width)}
              </Text>
            ))
          )}
          <Text dimColor wrap="truncate">
            confidence {percent(selected.confidence)}
            {countsDenials(selected) ? ' that you refuse it' : ''}
            {ci
              ? ` = wilson ${percent(ci.wilsonLower)} × spread ${ci.spread.toFixed(2)} over ${ci.distinctDays} day${ci.distinctDays === 1 ? '' : 's'}`
              : ''}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
