// Domain types shared by every layer. Plain data only: these cross the store, the core logic,
// the writers and the dashboard, so nothing here may depend on I/O or UI libraries.
export {};
//# sourceMappingURL=types.js.map