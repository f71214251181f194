trend
