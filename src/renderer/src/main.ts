import { mount } from 'svelte';
import App from './App.svelte';
import { selectTransport } from './lib/transport';
import { Studio } from './state/studio.svelte';
import './styles/app.css';

const target = document.getElementById('app');
if (!target) throw new Error('Motif: the #app element is missing from index.html');

const studio = new Studio(selectTransport(window));

export default mount(App, { target, props: { studio } });
