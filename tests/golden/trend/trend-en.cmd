trend HISTORY --lang en
