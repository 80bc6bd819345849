// Unified diff of two texts, as `diff -u` / `git diff` print it, so the user sees exactly what an
// apply will write. Settings edits are local, so common head and tail are trimmed first and the
// LCS table only covers the changed middle.
function splitLines(text) {
    return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
// Past this many table cells the middle is shown as one delete-all/insert-all block: still a
// correct diff, just not a minimal one.
const MAX_CELLS = 4_000_000;
function diffLines(a, b) {
    let head = 0;
    while (head < a.length && head < b.length && a[head] === b[head])
        head++;
    let tail = 0;
    while (tail < a.length - head &&
        tail < b.length - head &&
        a[a.length - 1 - tail] === b[b.length - 1 - tail])
        tail++;
    const midA = a.slice(head, a.length - tail);
    const midB = b.slice(head, b.length - tail);
    const ops = a.slice(0, head).map((line) => ({ type: ' ', line }));
    if (midA.length * midB.length > MAX_CELLS) {
        ops.push(...midA.map((line) => ({ type: '-', line })), ...midB.map((line) => ({ type: '+', line })));
    }
    else {
        const n = midA.length;
        const m = midB.length;
        const table = new Uint32Array((n + 1) * (m + 1));
        for (let i = n - 1; i >= 0; i--) {
            for (let j = m - 1; j >= 0; j--) {
                table[i * (m + 1) + j] =
                    midA[i] === midB[j]
                        ? (table[(i + 1) * (m + 1) + j + 1] ?? 0) + 1
                        : Math.max(table[(i + 1) * (m + 1) + j] ?? 0, table[i * (m + 1) + j + 1] ?? 0);
            }
        }
        let i = 0;
        let j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && midA[i] === midB[j]) {
                ops.push({ type: ' ', line: midA[i++] ?? '' });
                j++;
            }
            else if (i < n &&
                (j >= m || (table[(i + 1) * (m + 1) + j] ?? 0) >= (table[i * (m + 1) + j + 1] ?? 0))) {
                // deletions first, as diff -u prints them
                ops.push({ type: '-', line: midA[i++] ?? '' });
            }
            else {
                ops.push({ type: '+', line: midB[j++] ?? '' });
            }
        }
    }
    ops.push(...a.slice(a.length - tail).map((line) => ({ type: ' ', line })));
    return ops;
}
function render(op) {
    const body = op.line.endsWith('\n') ? op.line : `${op.line}\n\\ No newline at end of file\n`;
    return `${op.type}${body}`;
}
function range(start, count) {
    // diff -u: an empty range names the line before it
    const first = count === 0 ? start - 1 : start;
    return count === 1 ? `${first}` : `${first},${count}`;
}
/** The unified diff from `oldText` (null = no file) to `newText`; '' when they are equal. */
export function unifiedDiff(oldText, newText, options) {
    const context = options.context ?? 3;
    const ops = diffLines(splitLines(oldText ?? ''), splitLines(newText));
    const changed = ops.flatMap((op, i) => (op.type === ' ' ? [] : [i]));
    if (changed.length === 0)
        return '';
    const hunks = [];
    for (const i of changed) {
        const last = hunks.at(-1);
        if (last && i - last[1] <= 2 * context + 1)
            last[1] = i;
        else
            hunks.push([i, i]);
    }
    let out = `--- ${options.oldLabel ?? '/dev/null'}\n+++ ${options.newLabel}\n`;
    // 1-based line numbers of each op on both sides
    const oldLine = [];
    const newLine = [];
    let o = 1;
    let n = 1;
    for (const op of ops) {
        oldLine.push(o);
        newLine.push(n);
        if (op.type !== '+')
            o++;
        if (op.type !== '-')
            n++;
    }
    for (const [first, last] of hunks) {
        const from = Math.max(0, first - context);
        const to = Math.min(ops.length - 1, last + context);
        const slice = ops.slice(from, to + 1);
        const oldCount = slice.filter((op) => op.type !== '+').length;
        const newCount = slice.filter((op) => op.type !== '-').length;
        out += `@@ -${range(oldLine[from] ?? 1, oldCount)} +${range(newLine[from] ?? 1, newCount)} @@\n`;
        out += slice.map(render).join('');
    }
    return out;
}
//# sourceMappingURL=unified-diff.js.map