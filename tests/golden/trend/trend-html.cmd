trend HISTORY --format html
