"""Pure Block Kit builders: facts and a translator in, a message or view dict out."""
