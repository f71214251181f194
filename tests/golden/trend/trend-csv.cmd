trend HISTORY --format csv
