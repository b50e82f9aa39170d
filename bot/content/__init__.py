"""Loading and validation of the editable content: knowledge/ and procedures/."""
