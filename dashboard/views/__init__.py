"""The dashboard's pages, one file each, run by ``st.navigation`` (layout only)."""
