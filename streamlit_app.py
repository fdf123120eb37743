"""Entry point: the login gate, then the navigation (and the cache warmer); every page lives in dashboard/pages/."""
import streamlit as st

from dashboard.auth import gate
from dashboard.cache import warm_in_background
from dashboard.setup import configure_app

configure_app()
gate()  # with [auth] in secrets.toml: no login or no role -> a Dutch screen and st.stop(), no page and no data
warm_in_background()  # once per data version: fill the caches every page uses, in a background thread
st.navigation(
    [
        st.Page("dashboard/pages/kaart.py", title="Kaart", icon=":material/map:", default=True),
        st.Page("dashboard/pages/dekking.py", title="Dekking", icon=":material/health_and_safety:"),
        st.Page("dashboard/pages/regio.py", title="Regio", icon=":material/location_city:"),
        st.Page("dashboard/pages/organisatie.py", title="Organisatie", icon=":material/apartment:"),
        st.Page("dashboard/pages/pilotregios.py", title="Pilotregio's", icon=":material/flag:"),
        st.Page("dashboard/pages/monitoring.py", title="Monitoring", icon=":material/timeline:"),
        st.Page("dashboard/pages/gegevens.py", title="Gegevens", icon=":material/upload_file:"),
        st.Page("dashboard/pages/over.py", title="Over", icon=":material/info:"),
    ]
).run()
