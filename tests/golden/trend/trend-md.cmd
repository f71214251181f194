trend HISTORY --format md
