// Enter on a proposal: why clearance proposes it — redacted examples, sessions, projects, dates,
// the confidence inputs, and what else the rule would match. j/k scroll when it is taller than
// the pane; Esc goes back to the list.
import { Box, Text } from 'ink';
import { evidenceRoom, evidenceRows } from './evidence-lines.js';
import { fit } from './format.js';
import { useDashboard } from './store.js';
import { useTheme } from './theme.js';

export { evidenceLines } from './evidence-lines.js';

/** The evidence lines for one proposal, scrolled to the store's position. */
export function EvidenceView({ width, height }: { width: number; height: number }): React.ReactNode {
  const theme = useTheme();
  const suggestion = useDashboard((s) => s.suggestions.find((x) => x.id === s.evidenceId));
  const decision = useDashboard((s) => (s.evidenceId ? s.decisions[s.evidenceId] : undefined));
  const scrolled = useDashboard((s) => s.evidenceScroll);
  if (!suggestion) return <Text dimColor>this proposal is gone (applied or rescanned) — Esc goes back</Text>;
  const lines = evidenceRows(suggestion, decision, width, height);
  const room = evidenceRoom(lines.length, height);
  const scroll = Math.min(scrolled, Math.max(0, lines.length - room));
  return (
    <Box flexDirection="column">
      {lines.slice(scroll, scroll + room).map((line, i) => (
        <Text
          key={i}
          wrap="truncate"
          bold={line.bold}
          color={line.tone ? theme.status[line.tone] : undefined}
          dimColor={line.dim}
        >
          {line.text ? fit(line.text, width) : ' '}
        </Text>
      ))}
      {lines.length > room ? (
        <Text dimColor>
          {fit(
            `lines ${scroll + 1}–${Math.min(lines.length, scroll + room)} of ${lines.length} (j/k scroll)`,
            width,
          )}
        </Text>
      ) : null}
    </Box>
  );
}
