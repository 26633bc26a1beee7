"""The dashboard's pages, one file each, run by ``st.navigation`` (layout only); ``shared``
holds what several pages draw."""
