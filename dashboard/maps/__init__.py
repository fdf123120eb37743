"""Pure map builders: they take frames and return folium objects, so they are tested as HTML.

No streamlit here; dashboard/pages/kaart.py puts the layers on the page with streamlit-folium.
"""
