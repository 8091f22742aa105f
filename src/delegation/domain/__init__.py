"""What a delegation is, in plain Python: enums, value objects and rules."""
