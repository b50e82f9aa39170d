"""Documents the committee has to make: templates as data, rendered to Markdown and Word."""
