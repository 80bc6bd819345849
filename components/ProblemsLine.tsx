// Data problems on screen: one line when the scan met any (a malformed settings file, whose rules
// then count for nothing, so more proposals appear; an unreadable transcript; junk lines), and the
// whole list behind `!`. Hidden when there is nothing to report.
import { Box, Text } from 'ink';
import { fit } from './format.js';
import { useDashboard } from './store.js';
import { useTheme } from './theme.js';

/** The key that opens and closes the list. */
export const PROBLEMS_KEY = '!';

/** One line: how many problems, the first one, and the key for the rest; null when none. */
export function ProblemsLine({ width }: { width: number }): React.ReactNode {
  const theme = useTheme();
  const problems = useDashboard((s) => s.dataProblems);
  const first = problems[0];
  if (!first) return null;
  const n = problems.length;
  const head = `⚠ ${n} data problem${n === 1 ? '' : 's'}`;
  const tail = ` — ${PROBLEMS_KEY} lists ${n === 1 ? 'it' : 'them'}`;
  const room = Math.max(0, width - head.length - tail.length - 2);
  const firstText = fit(`${first.source}: ${first.message}`, room).trimEnd();
  return <Text color={theme.status.warn}>{fit(`${head}: ${firstText}${tail}`, width)}</Text>;
}

/** The list of every problem, in the pane's frame (Esc or ! closes it). */
export function ProblemsList({ width, height }: { width: number; height: number }): React.ReactNode {
  const problems = useDashboard((s) => s.dataProblems);
  const rows = Math.max(1, height - 2);
  const shown = problems.slice(0, rows);
  const rest = problems.length - shown.length;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text bold>{fit(`Data problems (${problems.length}) — Esc or ${PROBLEMS_KEY} closes`, width)}</Text>
      {shown.map((p, i) => (
        <Text key={i}>{fit(`${p.source}: ${p.message}`, width)}</Text>
      ))}
      {rest > 0 ? <Text dimColor>{fit(`… ${rest} more: clearance scan lists them`, width)}</Text> : null}
    </Box>
  );
}
