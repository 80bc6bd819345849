/** One schema step. `id` is unique and sortable; applied ids are recorded in `schema_migrations`. */
export interface Migration {
  id: string;
  sql: string;
}
