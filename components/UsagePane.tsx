// Pane 3: human vs Claude use of installed tools, with the ink-table fork (@alcalzone/ink-table;
// ink-table 3 breaks on Ink ≥ 4). Rows are sliced to the window before the table measures them.
import { Table } from '@alcalzone/ink-table';
import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { ToolUsage } from '../src/core/types.js';
import { day, fitMiddle, windowStart } from './format.js';
import { useDashboard, useDashboardStore, type UsageSort } from './store.js';

type UsageCell = Record<string, string | number>;

// The stock table draws a separator line before every row; keep only the one under the heading
// so each tool takes one terminal row.
class CompactTable extends Table<UsageCell> {
  constructor(props: ConstructorParameters<typeof Table<UsageCell>>[0]) {
    super(props);
    const stock = this.separator;
    // Row keys end in the row index, so '-0' is the separator between the heading and row one.
    this.separator = (row) =>
      row.key.endsWith('-0') ? stock(row) : (null as unknown as ReturnType<typeof stock>);
  }
}

const sortLabel: Record<UsageSort, string> = { human: 'H', claude: 'C', name: 'name' };

/** Rows the table frame adds around its data (top border, heading, heading separator, bottom). */
export const TABLE_FRAME_ROWS = 4;

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - [...text].length));
}

/** Widths of the text columns over every row, so scrolling never changes them. */
const columnWidths = (rows: ToolUsage[], width: number): { tool: number; pkg: number } => {
  const longest = (values: string[]): number => Math.max(0, ...values.map((v) => [...v].length));
  return {
    tool: Math.min(Math.max(8, Math.min(24, width - 60)), Math.max(6, longest(rows.map((t) => t.tool)))),
    pkg: Math.min(18, Math.max(7, longest(rows.map((t) => t.package ?? '—')))),
  };
};

/** Pane 3 body. */
export function UsagePane({ width, height }: { width: number; height: number }): React.ReactNode {
  const store = useDashboardStore();
  const rows = useDashboard((s) => store.selectors.usageRows(s));
  const cursor = useDashboard((s) => s.cursor.usage);
  const sort = useDashboard((s) => s.usageSort);
  const report = useDashboard((s) => s.usage);
  const status = useDashboard((s) => s.status);
  // Over every row once per list (not per keypress): 10,000 rows cost one pass.
  const { tool: toolWidth, pkg: packageWidth } = useMemo(() => columnWidths(rows, width), [rows, width]);
  if (!report || rows.length === 0)
    return (
      <Text dimColor>
        {status === 'loading'
          ? 'loading usage…'
          : report
            ? 'no tool matches the filter'
            : 'no usage data yet'}
      </Text>
    );
  // One more row than fits would make Ink squeeze a row out of the middle of the table (where
  // the cursor sits): the summary line and the table frame are counted exactly.
  const listRows = Math.max(1, height - 1 - TABLE_FRAME_ROWS);
  const start = windowStart(cursor, listRows, rows.length);
  const mark = (key: UsageSort): string => (sort === key ? ' ▼' : '');
  // The table sizes its columns from the cells it is given: pad every cell to the widest over
  // all rows (not just the window), so the columns stay put while the window scrolls.
  const data: UsageCell[] = rows.slice(start, start + listRows).map((t, i) => ({
    ' ': start + i === cursor ? '›' : ' ',
    [`tool${mark('name')}`]: pad(fitMiddle(t.tool, toolWidth), toolWidth),
    package: pad(fitMiddle(t.package ?? '—', packageWidth), packageWidth),
    [`H human${mark('human')}`]: t.human,
    [`C claude${mark('claude')}`]: t.claude,
    'last used': pad(t.lastUsed ? day(t.lastUsed) : 'never', 10),
  }));
  return (
    <Box flexDirection="column">
      <Text dimColor wrap="truncate">
        {report.installed} installed · last {report.window.days} days · sorted by {sortLabel[sort]} (s cycles
        H/C/name)
      </Text>
      <CompactTable data={data} padding={1} />
    </Box>
  );
}
