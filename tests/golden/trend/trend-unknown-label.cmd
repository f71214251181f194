trend HISTORY --from 2023
