import { libraryConfig } from '../../scripts/viteLibrary';

export default libraryConfig(import.meta.dirname);
