trend HISTORY
