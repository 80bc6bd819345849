// Plain-data inputs of the learning engine, and the rule operations it borrows from core/rules.
// The engine takes the rule operations as a parameter so it stays a pure function of its inputs.
export {};
//# sourceMappingURL=types.js.map