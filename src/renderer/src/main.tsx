// Runs in: renderer (sandboxed page, no Node). Entry point: mounts the app into index.html's #root.
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { startEventFeed } from './stores/eventFeed'
import './styles/base.css'
import './styles/shell.css'
import './styles/controls.css'
import './styles/forms.css'
import './styles/tables.css'
import './styles/screens.css'
import './styles/mass.css'

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root element')
startEventFeed()
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>
)
