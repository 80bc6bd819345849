// Pane 1: pending proposals, most prompts saved first, windowed to the terminal height.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { proposalLabel } from '../src/core/proposal-label.js';
import type { Suggestion } from '../src/core/types.js';
import { fit, fitRight, fitRule, windowStart } from './format.js';
import { percent } from './plain.js';
import { useDashboard, useDashboardStore, type DecisionRecord, type SuggestionSort } from './store.js';
import { isHygiene, kindMark, riskTone, useTheme } from './theme.js';
import { verifyBadge } from '../src/core/verify.js';

const decisionMark: Record<DecisionRecord['state'], string> = { approved: '✓', rejected: '✗', edited: '✎' };

/** Column layout for a given inner width: the rule takes what is left. */
function columns(width: number): { rule: number; wide: boolean; badge: number } {
  const wide = width >= 70;
  // the verify badge in full (`✓cc2.1.328`) only where the rule keeps room; else its mark alone
  const badge = width >= 110 ? 10 : 1;
  const fixed = (wide ? 3 + 10 + 8 + 6 + 12 + 6 : 3 + 10 + 6) + badge + 1;
  return { rule: Math.max(10, width - fixed), wide, badge };
}

/** The heading line of the list. */
export function SuggestionsHeading({ width }: { width: number }): React.ReactNode {
  const { rule, wide, badge } = columns(width);
  const sort = useDashboard((s) => s.suggestionSort);
  // ▼ marks the column the list is sorted by (s cycles saved → confidence → rule)
  const mark = (key: SuggestionSort): string => (sort === key ? '▼' : '');
  const text = wide
    ? `   ${fit('kind', 10)}${fit(`rule${mark('rule')}`, rule)}${fit('scope', 8)}${fitRight(`conf${mark('confidence')}`, 5)} ${fit('risk', 12)}${fitRight(`saved${mark('saved')}`, 6)} ${fit('cc', badge)}`
    : `   ${fit('kind', 10)}${fit(`rule${mark('rule')}`, rule)}${fitRight(`saved${mark('saved')}`, 6)} ${fit('cc', 1)}`;
  return <Text bold>{fit(text, width)}</Text>;
}

/** One proposal row (memoized: scrolling re-renders only the rows whose props changed). */
export const SuggestionRow = memo(function SuggestionRow({
  suggestion,
  selected,
  marked,
  decision,
  editedRule,
  width,
}: {
  suggestion: Suggestion;
  selected: boolean;
  marked: boolean;
  decision: DecisionRecord['state'] | undefined;
  /** The breadth picked with `e`: the row shows the rule that will be written. */
  editedRule?: string | undefined;
  width: number;
}) {
  const theme = useTheme();
  const { rule, wide, badge } = columns(width);
  const s = suggestion;
  const prefix = `${selected ? '›' : ' '}${marked ? '*' : ' '}${decision ? decisionMark[decision] : ' '}`;
  const hygiene = isHygiene(s.kind);
  const risk = hygiene ? 'hygiene' : s.risk;
  const tone = hygiene ? undefined : theme.status[riskTone(s.risk)];
  return (
    <Text inverse={selected} wrap="truncate">
      <Text bold={marked}>{prefix}</Text>
      <Text color={theme.kind[s.kind]}>{fit(kindMark[s.kind], 10)}</Text>
      {/* cut in the middle: long rules differ in their tails */}
      <Text strikethrough={decision === 'rejected'}>{fitRule(editedRule ?? proposalLabel(s), rule)}</Text>
      {wide ? (
        <>
          <Text>{fit(s.scope, 8)}</Text>
          <Text>{fitRight(percent(s.confidence), 5)} </Text>
          <Text color={tone}>{fit(risk, 12)}</Text>
        </>
      ) : null}
      <Text>{fitRight(String(s.promptsSaved), 6)} </Text>
      {/* verified with the user's own Claude Code: ✓cc2.1.328 / ✗cc2.1.328 / · (never) */}
      <Text
        color={s.verify ? theme.status[s.verify.status === 'verified' ? 'ok' : 'error'] : undefined}
        dimColor={!s.verify}
      >
        {hygiene ? '' : fit(badge > 1 ? verifyBadge(s.verify) : verifyBadge(s.verify).slice(0, 1), badge)}
      </Text>
    </Text>
  );
});

/** Pane 1 body: heading and the visible window of rows. */
export function SuggestionsPane({ width, height }: { width: number; height: number }): React.ReactNode {
  const store = useDashboardStore();
  const rows = useDashboard((s) => store.selectors.suggestionRows(s));
  const cursor = useDashboard((s) => s.cursor.suggestions);
  const marked = useDashboard((s) => s.marked);
  const decisions = useDashboard((s) => s.decisions);
  const status = useDashboard((s) => s.status);
  const filter = useDashboard((s) => s.filter.suggestions);
  const listRows = Math.max(1, height - 1);
  const start = windowStart(cursor, listRows, rows.length);
  // Slice before Ink lays anything out: only the visible rows become elements.
  const visible = rows.slice(start, start + listRows);
  return (
    <Box flexDirection="column">
      <SuggestionsHeading width={width} />
      {visible.length === 0 ? (
        <Text dimColor>
          {status === 'loading'
            ? 'loading proposals…'
            : filter
              ? `no proposal matches “${filter}” — Esc clears the filter`
              : 'nothing needs a decision — every proposal is decided'}
        </Text>
      ) : (
        visible.map((s, i) => (
          <SuggestionRow
            key={s.id}
            suggestion={s}
            selected={start + i === cursor}
            marked={marked[s.id] === true}
            decision={decisions[s.id]?.state}
            editedRule={decisions[s.id]?.editedRule}
            width={width}
          />
        ))
      )}
    </Box>
  );
}
