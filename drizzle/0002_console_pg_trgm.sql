-- Trigram matching for the support console's search (any part of a name, email, alias or key).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
