"""Planning: working days, dates as people write them, a proposed timeline and calendar export."""
