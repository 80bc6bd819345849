/** Write one line to stdout. */
export function say(ctx, line = '') {
    ctx.io.stdout.write(`${line}\n`);
}
/** Write one line to stderr, prefixed with the program name. */
export function complain(ctx, line) {
    ctx.io.stderr.write(`clearance: ${line}\n`);
}
//# sourceMappingURL=context.js.map