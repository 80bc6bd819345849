// Pane 2: confidence and approvals/denials over time per proposal. Bars and sparklines use
// different glyphs for approvals (█) and denials (▒), so the chart reads without colour.
import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Suggestion } from '../src/core/types.js';
import { bar, dayChart, fit, fitRight, sparkline, windowStart } from './format.js';
import { useDashboard, useDashboardStore } from './store.js';
import { useTheme } from './theme.js';

/** Rows the detail chart takes under the list. */
export const CHART_ROWS = 9;

const ConfidenceRow = memo(function ConfidenceRow({
  suggestion,
  selected,
  width,
}: {
  suggestion: Suggestion;
  selected: boolean;
  width: number;
}) {
  const s = suggestion;
  const spark = sparkline(s.history.map((h) => h.approvals)).slice(-14);
  const denials = s.evidence.denials;
  const ruleWidth = Math.max(10, width - 2 - 5 - 11 - 16 - 10);
  return (
    <Text inverse={selected} wrap="truncate">
      {selected ? '› ' : '  '}
      {fit(s.rule, ruleWidth)}
      {fitRight(s.confidence.toFixed(2), 5)} {bar(s.confidence, 10)}
      {fit(` ${spark}`, 16)}
      {fitRight(`+${s.evidence.approvals}`, 5)}
      {fitRight(`-${denials}`, 5)}
    </Text>
  );
});

/** Pane 2 body: per-proposal confidence list plus the selected proposal's day chart. */
export function ConfidencePane({ width, height }: { width: number; height: number }): React.ReactNode {
  const store = useDashboardStore();
  const theme = useTheme();
  const rows = useDashboard((s) => store.selectors.suggestionRows(s, 'confidence'));
  const cursor = useDashboard((s) => s.cursor.confidence);
  const showChart = height >= CHART_ROWS + 4;
  const listRows = Math.max(1, height - 1 - (showChart ? CHART_ROWS : 0));
  const start = windowStart(cursor, listRows, rows.length);
  const visible = rows.slice(start, start + listRows);
  const selected = rows[cursor];
  const ruleWidth = Math.max(10, width - 2 - 5 - 11 - 16 - 10);
  return (
    <Box flexDirection="column">
      <Text bold wrap="truncate">
        {'  '}
        {fit('rule', ruleWidth)}
        {fitRight('conf', 5)} {fit('0 ····· 1', 10)}
        {fit(' approvals/day', 16)}
        {fitRight('appr', 5)}
        {fitRight('deny', 5)}
      </Text>
      {visible.length === 0 ? <Text dimColor>no proposals</Text> : null}
      {visible.map((s, i) => (
        <ConfidenceRow key={s.id} suggestion={s} selected={start + i === cursor} width={width} />
      ))}
      {showChart && selected ? (
        <Box flexDirection="column" marginTop={Math.max(0, listRows - visible.length)}>
          <Text wrap="truncate">
            <Text bold>per day: </Text>
            {fit(selected.rule, Math.max(10, width - 50))}
            <Text color={theme.chart.approvals}> █ approvals</Text>
            <Text color={theme.chart.denials}> ▒ denials</Text>
            <Text> (count ↕, date →)</Text>
          </Text>
          {dayChart(selected.history, width, 3, 2).map((line, i) => (
            <Text
              key={i}
              color={i < 3 ? theme.chart.approvals : i > 3 && i < 6 ? theme.chart.denials : undefined}
            >
              {fit(line, width)}
            </Text>
          ))}
          <Text dimColor wrap="truncate">
            confidence {selected.confidence.toFixed(2)}
            {selected.confidenceInputs
              ? ` = wilson ${selected.confidenceInputs.wilsonLower.toFixed(2)} × spread ${selected.confidenceInputs.spread.toFixed(2)} over ${selected.confidenceInputs.distinctDays} days`
              : ''}
          </Text>
        </Box>
      ) : null}
    </Box>
  );
}
