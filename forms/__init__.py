"""WTForms classes, one module per area. Forms declare fields and field-level validation only."""
