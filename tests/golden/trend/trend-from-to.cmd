trend HISTORY --from 2026H1 --to 2025
