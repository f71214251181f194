trend HISTORY --format json
