import type { Migration } from '../migration';

export const importColumnMappings: Migration = {
  version: 2,
  description: 'spreadsheet columns matched by hand to a template placeholder, remembered per template',
  up(db) {
    db.exec(`
      CREATE TABLE import_column_mappings (
        template_id TEXT NOT NULL REFERENCES templates (id),
        -- The column header as Notify compares it: no spaces, '_' or '-', lower case.
        column_key TEXT NOT NULL,
        column_header TEXT NOT NULL,
        -- NULL: the user chose not to use this column.
        placeholder TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (template_id, column_key)
      ) STRICT;
    `);
  },
};
