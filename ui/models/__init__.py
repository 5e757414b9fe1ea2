"""Qt item models over the reader's data: the article list, the sidebar, search results."""
