"""The one definition of what newsfacet indexes: document model, fields, facets, errors."""
